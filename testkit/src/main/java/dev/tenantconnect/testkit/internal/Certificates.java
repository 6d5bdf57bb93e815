package dev.tenantconnect.testkit.internal;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.tenant.GeneratedCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for app registrations of the in-memory cloud. */
public final class Certificates {
    private Certificates() {
    }

    /**
     * @param clientId the application
     * @param subject the common name
     * @param now the start of validity
     * @param validity how long it is valid
     * @return the credential and its PEM forms
     */
    public static GeneratedCertificate selfSigned(ClientId clientId, String subject, Instant now, Duration validity) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + subject.replaceAll("[^A-Za-z0-9 ._-]", "_"));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, new BigInteger(64, new SecureRandom()), Date.from(now), Date.from(now.plus(validity)), name,
                    kp.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            return GeneratedCertificate.of(clientId, kp.getPrivate(), cert);
        } catch (Exception e) {
            throw new ConfigurationException("could not generate a certificate: " + e.getClass().getSimpleName(), e);
        }
    }
}
