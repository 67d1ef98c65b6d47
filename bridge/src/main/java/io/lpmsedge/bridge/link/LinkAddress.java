package io.lpmsedge.bridge.link;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a sensor is reached: a serial device, a TCP endpoint or a Bluetooth RFCOMM address. */
public sealed interface LinkAddress {
    /** The address as written in the configuration. */
    String url();

    /** A tty: {@code /dev/rfcomm0} bound with {@code rfcomm bind}, a USB adapter, or a socat pty. */
    record Serial(String device) implements LinkAddress {
        @Override
        public String url() {
            return "serial://" + device;
        }
    }

    /** The simulator, or a serial-over-IP adapter. */
    record Tcp(String host, int port) implements LinkAddress {
        @Override
        public String url() {
            return "tcp://" + host + ":" + port;
        }
    }

    /** Direct RFCOMM through BlueCove: {@code btspp://001122334455:1}. */
    record Rfcomm(String mac, int channel) implements LinkAddress {
        @Override
        public String url() {
            return "btspp://" + mac + ":" + channel;
        }
    }

    Pattern TCP = Pattern.compile("tcp://(\\[[^]]+]|[^:/\\[\\]]+):(\\d{1,5})");
    Pattern BTSPP = Pattern.compile("btspp://([0-9A-Fa-f]{12}|(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}):(\\d{1,2})");

    /**
     * Parses {@code serial:///dev/rfcomm0} (or a bare {@code /dev/…} path), {@code tcp://host:port} or
     * {@code btspp://001122334455:1}. The message of the exception says which forms are accepted.
     */
    static LinkAddress parse(String text) {
        String s = text.trim();
        if (s.startsWith("/")) {
            return new Serial(s);
        }
        if (s.startsWith("serial://")) {
            String device = s.substring("serial://".length());
            if (device.startsWith("/") && device.length() > 1) {
                return new Serial(device);
            }
            throw new IllegalArgumentException("'" + text + "' has no device path; write serial:///dev/rfcomm0");
        }
        Matcher tcp = TCP.matcher(s);
        if (tcp.matches()) {
            int port = Integer.parseInt(tcp.group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + text + "': TCP port must be 1..65535");
            }
            String host = tcp.group(1);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Tcp(host, port);
        }
        Matcher bt = BTSPP.matcher(s);
        if (bt.matches()) {
            int channel = Integer.parseInt(bt.group(2));
            if (channel < 1 || channel > 30) {
                throw new IllegalArgumentException("'" + text + "': RFCOMM channel must be 1..30 (the LPMS-B2 uses 1)");
            }
            return new Rfcomm(bt.group(1).replace(":", "").toUpperCase(Locale.ROOT), channel);
        }
        throw new IllegalArgumentException("'" + text + "' is not a link; use serial:///dev/rfcomm0, "
                + "tcp://127.0.0.1:7001 or btspp://001122334455:1");
    }
}
