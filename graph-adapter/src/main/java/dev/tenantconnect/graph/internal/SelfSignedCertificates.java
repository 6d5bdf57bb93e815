package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.error.ConfigurationException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed certificates for app registrations, made with BouncyCastle ({@code bcpkix-jdk18on}): an optional
 * dependency of graph-adapter, needed only by applications that create certificate credentials. The only class
 * that touches BouncyCastle, so everything else runs without it.
 */
public final class SelfSignedCertificates {
    private static final String BUILDER = "org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder";

    private SelfSignedCertificates() {
    }

    /**
     * @param subject the common name (characters with a meaning in a distinguished name are replaced)
     * @param keys the key pair the certificate is for and is signed with
     * @param now the start of validity (5 minutes earlier, for clock skew)
     * @param validity how long it is valid from now
     * @return the certificate, SHA-256 with RSA
     * @throws ConfigurationException if BouncyCastle is not on the class path (naming the artifact to add)
     * @throws GeneralSecurityException if the certificate cannot be made
     */
    public static X509Certificate create(String subject, KeyPair keys, Instant now, Duration validity)
            throws GeneralSecurityException {
        try {
            Class.forName(BUILDER, false, SelfSignedCertificates.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException("generating a certificate needs BouncyCastle on the class path: add "
                    + "org.bouncycastle:bcpkix-jdk18on (an optional dependency of tenantconnect-graph-adapter)", e);
        }
        return Generator.create(subject, keys, now, validity);
    }

    /** Loaded only once BouncyCastle is known to be present. */
    private static final class Generator {
        static X509Certificate create(String subject, KeyPair keys, Instant now, Duration validity)
                throws GeneralSecurityException {
            X500Name name = new X500Name("CN=" + subject.replaceAll("[,=+<>#;\"\\\\]", "_"));
            try {
                return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                        new BigInteger(64, new SecureRandom()), Date.from(now.minusSeconds(300)),
                        Date.from(now.plus(validity)), name, keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            } catch (OperatorCreationException e) {
                throw new GeneralSecurityException("cannot sign the certificate", e);
            }
        }
    }
}
