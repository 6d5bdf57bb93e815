package dev.tenantconnect.core.credential;

import dev.tenantconnect.leaks.LeakRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.internal.Pem;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

class CredentialSecrecyTest {
    private static final ClientId CLIENT = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    private static final String SECRET_TEXT = "Zq8~Q-very-secret-value-0123456789";

    static {
        LeakRegistry.secret("client secret in the secrecy test", SECRET_TEXT);
    }
    private static final TestCertificates.Issued RSA =
            TestCertificates.selfSigned("RSA", "customer-app", Instant.parse("2028-03-01T00:00:00Z"));

    @Test
    void no_credential_type_shows_its_secret_in_to_string() {
        Secret s = Secret.of(SECRET_TEXT);
        ClientCertificateCredential cert =
                new ClientCertificateCredential(CLIENT, RSA.keys().getPrivate(), List.of(RSA.certificate()));
        List<TenantCredential> all = List.of(
                new ClientSecretCredential(CLIENT, s, Optional.of(Instant.EPOCH), Optional.empty()),
                new DelegatedTokenCredential(CLIENT, s, Instant.EPOCH),
                new LegacyPasswordCredential(UserRef.Upn.parse("admin@contoso.com"), s),
                cert);
        String privateKeyBase64 = Base64.getEncoder().encodeToString(RSA.keys().getPrivate().getEncoded());
        String privateExponent = ((RSAPrivateCrtKey) RSA.keys().getPrivate()).getPrivateExponent().toString(16);
        for (TenantCredential c : all) {
            CredentialRecord r = new CredentialRecord(new CredentialKey(TenantId.parse(
                    "6b17bc95-fa47-49bf-8b00-000000000001"), ServiceId.of("oc")), 1, c, Instant.EPOCH,
                    Optional.of(new PreviousCredential(c, Instant.EPOCH)));
            for (String text : List.of(c.toString(), r.toString())) {
                assertThat(text).doesNotContain(SECRET_TEXT).doesNotContain(SECRET_TEXT.substring(0, 8))
                        .doesNotContain(privateKeyBase64.substring(40, 80)).doesNotContainIgnoringCase(privateExponent)
                        .doesNotContain("admin@contoso.com");
            }
        }
        assertThat(s).hasToString("Secret[****]");
        assertThat(cert.toString()).contains(cert.thumbprint()).contains("privateKey=****");
    }

    @Test
    void secrets_compare_by_value_and_hash_reveals_nothing() {
        assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
        assertThat(Secret.of("abc").hashCode()).isEqualTo(Secret.of("completely different").hashCode());
        Secret s = Secret.of("to-be-wiped");
        s.destroy();
        assertThatThrownBy(s::revealAsString).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("to-be-wiped");
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(ValidationException.class);
        assertThat(Secret.fromUtf8("ünïcødé".getBytes(java.nio.charset.StandardCharsets.UTF_8)).revealAsString())
                .isEqualTo("ünïcødé");
    }

    @Test
    void a_lost_compare_and_set_does_not_show_the_secret() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        CredentialKey key = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001"), ServiceId.of("x"));
        store.create(key, ClientSecretCredential.of(CLIENT, Secret.of(SECRET_TEXT), Instant.EPOCH));
        assertThatThrownBy(() -> store.create(key, ClientSecretCredential.of(CLIENT, Secret.of(SECRET_TEXT),
                Instant.EPOCH))).isInstanceOf(ConcurrentUpdateException.class).hasMessageNotContaining(SECRET_TEXT);
    }

    @Test
    void certificate_credential_from_pkcs8_and_pkcs1_pem() throws Exception {
        String certPem = Pem.encode("CERTIFICATE", RSA.certificate().getEncoded());
        String pkcs8 = Pem.encode("PRIVATE KEY", RSA.keys().getPrivate().getEncoded());
        byte[] pkcs1Der = PrivateKeyInfo.getInstance(RSA.keys().getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        String pkcs1 = Pem.encode("RSA PRIVATE KEY", pkcs1Der);

        ClientCertificateCredential a = ClientCertificateCredential.fromPem(CLIENT, certPem, pkcs8);
        ClientCertificateCredential b = ClientCertificateCredential.fromPem(CLIENT, certPem, pkcs1);

        assertThat(a).isEqualTo(b);
        assertThat(a.thumbprint()).isEqualTo(HexFormat.of().withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(RSA.certificate().getEncoded())));
        assertThat(a.thumbprintSha256()).hasSize(64);
        assertThat(a.expiresAt()).contains(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(a.certificatePem()).isEqualTo(certPem);
    }

    @Test
    void a_key_that_does_not_match_the_certificate_is_refused() {
        TestCertificates.Issued other = TestCertificates.selfSigned("RSA", "other", Instant.parse("2028-01-01T00:00:00Z"));
        assertThatThrownBy(() -> new ClientCertificateCredential(CLIENT, other.keys().getPrivate(),
                List.of(RSA.certificate()))).isInstanceOf(ValidationException.class)
                .hasMessage("privateKey: does not match the leaf certificate's public key");
    }

    @Test
    void pem_errors_name_the_rule_without_echoing_key_material() {
        String garbageKey = "-----BEGIN PRIVATE KEY-----\nAAAAsecretish\n-----END PRIVATE KEY-----";
        assertThatThrownBy(() -> Pem.privateKey(garbageKey)).isInstanceOf(ValidationException.class)
                .hasMessageNotContaining("AAAAsecretish");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED "
                + "PRIVATE KEY-----")).hasMessageContaining("use PKCS#12");
        assertThatThrownBy(() -> Pem.certificates("no pem here")).hasMessageContaining("no PEM block");
    }

    @Test
    void certificate_credential_from_pkcs12() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("app", RSA.keys().getPrivate(), "pfx-pass".toCharArray(), new Certificate[] {RSA.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, "pfx-pass".toCharArray());

        ClientCertificateCredential c = ClientCertificateCredential.fromPkcs12(CLIENT,
                new ByteArrayInputStream(out.toByteArray()), Secret.of("pfx-pass"), Optional.empty());
        assertThat(c.leaf()).isEqualTo(RSA.certificate());

        assertThatThrownBy(() -> ClientCertificateCredential.fromPkcs12(CLIENT,
                new ByteArrayInputStream(out.toByteArray()), Secret.of("wrong"), Optional.empty()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong\"");
        assertThatThrownBy(() -> ClientCertificateCredential.fromPkcs12(CLIENT,
                new ByteArrayInputStream(out.toByteArray()), Secret.of("pfx-pass"), Optional.of("nope")))
                .hasMessageContaining("no key entry with the given alias");
    }

    @Test
    void connection_methods_upgrade_one_step_at_a_time() {
        assertThat(ConnectionMethod.PASSWORD.canMoveTo(ConnectionMethod.DELEGATED_TOKEN)).isTrue();
        assertThat(ConnectionMethod.DELEGATED_TOKEN.canMoveTo(ConnectionMethod.APP_REGISTRATION)).isTrue();
        assertThat(ConnectionMethod.APP_REGISTRATION.canMoveTo(ConnectionMethod.APP_REGISTRATION)).isTrue();
        assertThat(ConnectionMethod.APP_REGISTRATION.canMoveTo(ConnectionMethod.DELEGATED_TOKEN)).isFalse();
        assertThatThrownBy(() -> ConnectionMethod.PASSWORD.requireMoveTo(ConnectionMethod.APP_REGISTRATION))
                .isInstanceOf(ValidationException.class)
                .hasMessage("connectionMethod: from PASSWORD the next step is DELEGATED_TOKEN, not APP_REGISTRATION");
        assertThat(new LegacyPasswordCredential(UserRef.Upn.parse("a@b.com"), Secret.of("p")).method())
                .isEqualTo(ConnectionMethod.PASSWORD);
    }
}
