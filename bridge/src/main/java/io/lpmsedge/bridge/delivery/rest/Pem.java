package io.lpmsedge.bridge.delivery.rest;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.tls.Certificates;

/** Reads every certificate of a PEM bundle (CA files often hold several). */
final class Pem {
    private static final Pattern CERT =
            Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);

    private Pem() {}

    /** The first certificate block of a PEM text, as PEM. */
    static String first(String pem, Path from) {
        Matcher m = CERT.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException(from + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return m.group();
    }

    static List<X509Certificate> certificates(String pem, Path from) {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = CERT.matcher(pem);
        while (m.find()) {
            out.add(Certificates.decodeCertificatePem(m.group()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(from + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }
}
