package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.GeneratedCertificate;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.tenant.NewSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import dev.tenantconnect.core.credential.LegacyPasswordCredential;
import dev.tenantconnect.core.credential.PreviousCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.testing.TestCertificates;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * Serialising a secret-bearing public type with Jackson — as an application logging or caching its objects as JSON
 * might — either fails or writes no key material, whatever security provider made the key (BouncyCastle first in the
 * provider list writes every field of an RSA key through its getters).
 */
class CredentialSerialisationTest {
    private static final ClientId APP = ClientId.parse("11ae0dff-7a0e-4a44-9e2c-00000000a001");
    private static final String SECRET = "jackson-test-secret-Q8~value";
    private static final String TOKEN = "jackson-test-refresh-token-value";
    private static final String PASSWORD = "jackson-test-password-value";

    private static final List<ObjectMapper> MAPPERS = List.of(new ObjectMapper().registerModule(
            new JavaTimeModule()), new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS));

    /** Text forms of the private key material (not the ASN.1 header every key of a kind shares) in JSON. */
    private static List<String> keyMaterial(PrivateKey key) {
        List<String> forms = new ArrayList<>();
        if (key instanceof RSAPrivateCrtKey) { // PKCS#8 of RSA ends in private numbers (an EC key's may end in its public key)
            byte[] der = key.getEncoded();
            String b64 = Base64.getEncoder().encodeToString(der);
            forms.add(b64.substring(b64.length() - 40));
            forms.add(HexFormat.of().formatHex(der, der.length - 20, der.length));
        }
        List<BigInteger> numbers = new ArrayList<>();
        if (key instanceof RSAPrivateCrtKey k) {
            numbers.addAll(List.of(k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(),
                    k.getCrtCoefficient()));
        } else if (key instanceof ECPrivateKey k) {
            numbers.add(k.getS());
        }
        for (BigInteger n : numbers) {
            for (String form : List.of(n.toString(), n.toString(16), Base64.getEncoder().encodeToString(n.toByteArray()))) {
                forms.add(form.substring(0, Math.min(form.length(), 40)));
            }
        }
        return forms;
    }

    /**
     * Serialises as a logging or caching layer would — streaming into a writer — and checks everything that reached
     * the writer, also when Jackson gave up half-way (a failure after the key was written does not unwrite it).
     */
    private static void assertNoSecretIn(Object value, List<String> material) {
        for (ObjectMapper mapper : MAPPERS) {
            java.io.StringWriter out = new java.io.StringWriter();
            try {
                mapper.writeValue(out, value);
            } catch (Exception refused) {
                // refusing is fine, as long as nothing secret was written before
            }
            for (String m : material) {
                assertThat(out.toString().contains(m)).as("%s as JSON holds key material at %d", value.getClass()
                        .getSimpleName(), out.toString().indexOf(m)).isFalse();
            }
        }
    }

    private static ClientCertificateCredential certificate(String algorithm) {
        TestCertificates.Issued issued = TestCertificates.selfSigned(algorithm, "jackson", Instant.now().plus(
                Duration.ofDays(30)));
        return new ClientCertificateCredential(APP, issued.keys().getPrivate(), List.of(issued.certificate()));
    }

    private static void everyCertificateHolder(ClientCertificateCredential c) {
        List<String> material = keyMaterial(c.privateKey());
        CredentialKey key = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000a0c1"),
                ServiceId.of("oc"));
        assertNoSecretIn(c, material);
        assertNoSecretIn(new PreviousCredential(c, Instant.now()), material);
        assertNoSecretIn(new CredentialRecord(key, 2, c, Instant.now(), Optional.of(new PreviousCredential(c,
                Instant.now()))), material);
        assertNoSecretIn(new GeneratedCertificate(c, "-----BEGIN CERTIFICATE-----", Secret.of(SECRET), "AB",
                Instant.now()), List.of(SECRET));
        assertNoSecretIn(new GeneratedCertificate(c, "-----BEGIN CERTIFICATE-----", Secret.of(SECRET), "AB",
                Instant.now()), material);
    }

    @Test
    void a_certificate_credential_made_by_the_default_providers_writes_no_key_material() {
        for (String algorithm : List.of("RSA", "EC")) {
            everyCertificateHolder(certificate(algorithm));
        }
    }

    @Test
    void a_certificate_credential_made_with_bouncycastle_first_writes_no_key_material() throws Exception {
        boolean added = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null;
        Security.insertProviderAt(added ? new BouncyCastleProvider()
                : Security.getProvider(BouncyCastleProvider.PROVIDER_NAME), 1);
        try {
            for (String algorithm : List.of("RSA", "EC")) {
                ClientCertificateCredential c = certificate(algorithm);
                assertThat(c.privateKey().getClass().getName()).as("the key is BouncyCastle's").contains("bouncycastle");
                if (algorithm.equals("RSA")) {
                    assertThat(MAPPERS.get(1).writeValueAsString(c.privateKey())).as("what the credential would leak "
                        + "without its guard: the bare key writes its secret numbers").contains(
                                keyMaterial(c.privateKey()).get(keyMaterial(c.privateKey()).size() - 3));
                }
                everyCertificateHolder(c);
            }
        } finally {
            Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (!added) {
                Security.addProvider(new BouncyCastleProvider());
            }
        }
    }

    @Test
    void secrets_tokens_and_passwords_are_never_written() {
        CredentialKey key = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000a0c1"),
                ServiceId.of("oc"));
        ClientSecretCredential secret = ClientSecretCredential.of(APP, Secret.of(SECRET), Instant.now());
        DelegatedTokenCredential delegated = new DelegatedTokenCredential(APP, Secret.of(TOKEN), Instant.now());
        LegacyPasswordCredential password = new LegacyPasswordCredential(UserRef.Upn.parse(
                "admin@contoso.onmicrosoft.com"), Secret.of(PASSWORD));
        List<String> all = List.of(SECRET, TOKEN, PASSWORD);

        for (Object o : List.of(Secret.of(SECRET), secret, delegated, password,
                new PreviousCredential(secret, Instant.now()),
                new CredentialRecord(key, 1, delegated, Instant.now(), Optional.of(new PreviousCredential(password,
                        Instant.now()))),
                new AccessToken(Secret.of(TOKEN), Instant.now(), key.tenant(), APP.toString(), Set.of()),
                new NewSecret(java.util.UUID.randomUUID(), Secret.of(SECRET), Instant.now()))) {
            assertNoSecretIn(o, all);
        }
    }

    @Test
    void a_store_key_is_never_written() {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        StoreKey key = StoreKey.of(raw);
        assertNoSecretIn(key, List.of(Base64.getEncoder().encodeToString(raw), HexFormat.of().formatHex(raw),
                "[" + raw[0] + "," + raw[1] + "," + raw[2] + ","));
    }
}
