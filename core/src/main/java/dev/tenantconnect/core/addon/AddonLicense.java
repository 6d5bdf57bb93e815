package dev.tenantconnect.core.addon;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An operator add-on licence code as it appears in bulk files, with its display name and the kind of
 * account it can be given to. Codes are case-sensitive, as published. The built-in codes are constants here;
 * operators register their own through {@link AddonCatalog.Builder#register(AddonLicense)}.
 *
 * @param code the code, e.g. {@code device_import_msteams_OC}
 * @param displayName the name shown to people, e.g. {@code Microsoft Teams Operator Connect}
 * @param target which kind of account can hold it
 */
public record AddonLicense(String code, String displayName, AddonTarget target) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** Microsoft Teams Operator Connect, for users. */
    public static final AddonLicense OPERATOR_CONNECT =
            new AddonLicense("device_import_msteams_OC", "Microsoft Teams Operator Connect", AddonTarget.USER);
    /** Microsoft Teams Operator Connect Resource Account (auto attendants and call queues). */
    public static final AddonLicense OPERATOR_CONNECT_RESOURCE = new AddonLicense("device_import_msteams_OC_resource",
            "Microsoft Teams Operator Connect Resource Account", AddonTarget.RESOURCE_ACCOUNT);
    /** Number. */
    public static final AddonLicense NUMBER = new AddonLicense("license_number", "Number", AddonTarget.ANY);
    /** Team Chat. */
    public static final AddonLicense TEAM_CHAT = new AddonLicense("team_chat", "Team Chat", AddonTarget.ANY);
    /** Do-not-call list checking. */
    public static final AddonLicense DNC = new AddonLicense("license_dnc_checking_enabled", "DNC", AddonTarget.ANY);
    /** Call Recording. */
    public static final AddonLicense CALL_RECORDING =
            new AddonLicense("call_recording", "Call Recording", AddonTarget.ANY);
    /** Unlimited Call Recording Storage; requires {@link #CALL_RECORDING}. */
    public static final AddonLicense CALL_RECORDING_UNLIMITED = new AddonLicense(
            "license_call_recording_unlimited_enabled", "Unlimited Call Recording Storage", AddonTarget.ANY);
    /** Mobile app device (from the operator's sample bulk file). */
    public static final AddonLicense MOBILE_APP = new AddonLicense("device_mobile_app", "Mobile App", AddonTarget.ANY);
    /** Desktop app device (from the operator's sample bulk file). */
    public static final AddonLicense DESKTOP_APP =
            new AddonLicense("device_desktop_app", "Desktop App", AddonTarget.ANY);
    /** IP phone device (from the operator's sample bulk file). */
    public static final AddonLicense IP_PHONE = new AddonLicense("device_ip_phone", "IP Phone", AddonTarget.ANY);

    /** Validates the code form (a letter, then letters, digits or underscores; at most 64) and the name. */
    public AddonLicense {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(target, "target");
        if (!CODE.matcher(code).matches()) {
            throw new ValidationException("addonLicense",
                    "code must start with a letter and contain only letters, digits and '_' (at most 64)");
        }
        if (displayName.isBlank()) {
            throw new ValidationException("addonLicense", "display name must not be blank");
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
