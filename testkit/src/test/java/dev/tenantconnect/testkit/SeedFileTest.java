package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator's JSON seed files: what a good one creates, and that a bad one names the path and the rule. */
class SeedFileTest {
    static final String GOOD = """
            {"tenants": [{
              "id": "6b17bc95-fa47-49bf-8b00-00000000ab01", "displayName": "Fabrikam",
              "domain": "fabrikam.onmicrosoft.com",
              "licences": {"ENTERPRISEPREMIUM": 10, "PHONESYSTEM_VIRTUALUSER": 1},
              "users": [{"upn": "ada@fabrikam.onmicrosoft.com", "displayName": "Ada", "usageLocation": "SG",
                         "licences": ["ENTERPRISEPREMIUM"]}],
              "generatedUsers": {"count": 5, "prefix": "agent", "usageLocation": "SG",
                                 "licences": ["ENTERPRISEPREMIUM"]},
              "resourceAccounts": [{"upn": "aa@fabrikam.onmicrosoft.com", "licences": ["PHONESYSTEM_VIRTUALUSER"]}],
              "numbers": [{"range": "+6567890000..+6567890009", "type": "OPERATOR_CONNECT"}],
              "consent": ["SG"],
              "apps": [{"clientId": "11ae0dff-4d1f-6ddf-8000-00000000ab01", "secret": "seeded-secret",
                        "roles": ["TEAMS_COMMUNICATIONS_ADMINISTRATOR"],
                        "permissions": ["User.Read.All", "TeamsTelephoneNumber.ReadWrite.All"]}]
            }]}
            """;

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create();

    @Test
    void a_good_seed_creates_the_tenant_its_users_numbers_consent_and_app() {
        SeedFile.parse(GOOD).applyTo(cloud.simulator());

        SimulatedTenant t = cloud.simulator().tenant(TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000ab01"));
        assertThat(t.userCount()).as("1 named, 5 generated, 1 resource account").isEqualTo(7);
        assertThat(t.number(PhoneNumber.parse("+6567890009"))).isPresent();
        assertThat(t.verifiedDomains()).contains("fabrikam.onmicrosoft.com");
        ClientId app = ClientId.parse("11ae0dff-4d1f-6ddf-8000-00000000ab01");
        assertThat(t.roles(app)).hasValueSatisfying(r -> assertThat(r)
                .contains(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR));
        assertThat(t.grantedPermissions(app)).hasValueSatisfying(p -> assertThat(p)
                .contains(GraphPermission.USER_READ_ALL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                | {tenants:                                          | seed file",
        "an array                | []                                                 | $",
        "no tenants              | {}                                                 | $.tenants",
        "empty tenants           | {\"tenants\": []}                                  | $.tenants",
        "bad tenant id           | {\"tenants\": [{\"id\": \"nope\"}]}                | tenants[0].id",
        "unknown tenant field    | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"user\": []}]} | tenants[0].user",
        "unknown licence         | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"licences\": {\"E5\": 1}}]} | tenants[0].licences.E5",
        "negative licence count  | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"licences\": {\"SPE_E3\": -1}}]} | tenants[0].licences.SPE_E3",
        "bad upn                 | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"users\": [{\"upn\": \"ada\"}]}]} | tenants[0].users[0].upn",
        "bad usage location      | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"users\": [{\"upn\": \"a@b.c\", \"usageLocation\": \"sg\"}]}]} | tenants[0].users[0].usageLocation",
        "bad number range        | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"numbers\": [{\"range\": \"12\"}]}]} | tenants[0].numbers[0].range",
        "bad number type         | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"numbers\": [{\"range\": \"+6567890000\", \"type\": \"pots\"}]}]} | tenants[0].numbers[0].type",
        "bad role                | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"apps\": [{\"clientId\": \"11ae0dff-4d1f-6ddf-8000-00000000ab01\", \"roles\": [\"BOSS\"]}]}]} | tenants[0].apps[0].roles[0]",
        "bad permission          | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"apps\": [{\"clientId\": \"11ae0dff-4d1f-6ddf-8000-00000000ab01\", \"permissions\": [\"Everything\"]}]}]} | tenants[0].apps[0].permissions[0]",
        "bad client id           | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"apps\": [{\"clientId\": 7}]}]} | tenants[0].apps[0].clientId",
        "too many generated      | {\"tenants\": [{\"id\": \"6b17bc95-fa47-49bf-8b00-00000000ab01\", \"generatedUsers\": {\"count\": 1e9}}]} | tenants[0].generatedUsers.count",
    })
    void a_bad_seed_names_the_path_and_changes_nothing(String name, String json, String field) {
        int tenantsBefore = cloud.simulator().tenant(TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000ab01"))
                .userCount();

        assertThatThrownBy(() -> SeedFile.parse(json).applyTo(cloud.simulator()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(cloud.simulator().tenant(TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000ab01")).userCount())
                .isEqualTo(tenantsBefore);
    }
}
