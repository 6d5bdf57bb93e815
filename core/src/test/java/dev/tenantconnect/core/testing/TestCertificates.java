package dev.tenantconnect.core.testing;

import dev.tenantconnect.leaks.LeakRegistry;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for tests, made with BouncyCastle. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /**
     * A key pair with its certificate.
     *
     * @param keys the key pair
     * @param certificate the self-signed certificate
     */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    /**
     * @param algorithm {@code RSA} or {@code EC}
     * @param cn the subject common name
     * @param notAfter the expiry
     * @return a fresh key pair and self-signed certificate
     */
    public static Issued selfSigned(String algorithm, String cn, Instant notAfter) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(algorithm.equals("RSA") ? 2048 : 256);
            KeyPair kp = g.generateKeyPair();
            LeakRegistry.privateKey("test certificate private key", kp.getPrivate().getEncoded());
            X500Name name = new X500Name("CN=" + cn);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                    Date.from(notAfter.minusSeconds(86_400L * 365)), Date.from(notAfter), name, kp.getPublic());
            String sigAlg = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())));
            return new Issued(kp, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
