package io.lpmsedge.bridge.link;

/** Makes the {@link SensorLink} for an address: the one place that knows every kind of link. */
public final class SensorLinks {
    private final LinkTimings timings;
    private final BluetoothStack bluetooth;

    public SensorLinks(LinkTimings timings, BluetoothStack bluetooth) {
        this.timings = timings;
        this.bluetooth = bluetooth;
    }

    public SensorLink forAddress(LinkAddress address) {
        if (address instanceof LinkAddress.Tcp tcp) {
            return new TcpLink(tcp, timings.connectTimeout());
        }
        if (address instanceof LinkAddress.Serial serial) {
            return new SerialLink(serial, timings.serialBaud());
        }
        return new RfcommLink((LinkAddress.Rfcomm) address, bluetooth);
    }
}
