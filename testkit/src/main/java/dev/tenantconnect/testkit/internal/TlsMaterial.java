package dev.tenantconnect.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulator's TLS identity: an RSA key and a self-signed certificate for {@code localhost}, {@code 127.0.0.1},
 * {@code 127.0.0.2} and {@code 127.0.0.3}, made fresh at every start, plus a trust store holding only that
 * certificate. Not API.
 */
public final class TlsMaterial {
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final char[] password;

    private TlsMaterial(KeyPair keys, X509Certificate certificate, char[] password) {
        this.keys = keys;
        this.certificate = certificate;
        this.password = password;
    }

    /** @return fresh material */
    public static TlsMaterial generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=tenantconnect-simulator");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.2"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.3")}));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            byte[] pw = new byte[12];
            new SecureRandom().nextBytes(pw);
            return new TlsMaterial(kp, cert, HexFormat.of().formatHex(pw).toCharArray());
        } catch (Exception e) {
            throw new IllegalStateException("could not create the simulator's TLS certificate", e);
        }
    }

    /** @return the server certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes the key store WireMock serves from, readable by the owner only.
     *
     * @param dir a private temporary folder
     * @return the PKCS#12 file
     */
    public Path writeKeyStore(Path dir) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("simulator", keys.getPrivate(), password, new Certificate[] {certificate});
            Path p = dir.resolve("simulator.p12");
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(p)) {
                ks.store(out, password);
            }
            return p;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not write the simulator's key store", e);
        }
    }

    /** @return the key store password (random per start; only protects a temp file) */
    public String password() {
        return new String(password);
    }

    /** @return a trust store holding only the simulator certificate */
    public KeyStore trustStore() {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("tenantconnect-simulator", certificate);
            return ts;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a trust manager that trusts only the simulator */
    public javax.net.ssl.X509TrustManager trustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            return (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a TLS context that trusts only the simulator */
    public SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the loopback address the simulator binds to */
    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
