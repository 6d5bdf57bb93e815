package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.inventory.ImportResult;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenantconnect numbers ...}: the operator's number inventory (use {@code --store jdbc:URL} to keep it). */
@Command(name = "numbers", mixinStandardHelpOptions = true, description = "The number inventory: import, list, "
        + "allocate, upload to a tenant, release from a tenant, capacity. Keep it with --store jdbc:URL.",
        subcommands = {NumbersCommand.Import.class, NumbersCommand.ListNumbers.class, NumbersCommand.Allocate.class,
            NumbersCommand.Upload.class, NumbersCommand.Release.class, NumbersCommand.Capacity.class,
            NumbersExportCommand.class})
final class NumbersCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static NumberType type(String s) {
        return NumberType.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Imports a range. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import numbers as AVAILABLE "
            + "(already present ones are skipped; a bad number refuses the whole import).")
    static final class Import implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Parameters(paramLabel = "RANGE", description = "+FIRST..+LAST, e.g. +6567891200..+6567891299")
        String range;
        @Option(names = "--country", required = true, description = "ISO country, e.g. SG.")
        String country;
        @Option(names = "--prefix", description = "Number prefix (default: the range's first 6 digits).")
        Optional<String> prefix;
        @Option(names = "--type", defaultValue = "operator-connect", description = "operator-connect, "
                + "direct-routing or calling-plan. Default: ${DEFAULT-VALUE}.")
        String type;
        @Option(names = "--usage", defaultValue = "USER", description = "USER, VOICE_APPLICATION or CONFERENCE. "
                + "Default: ${DEFAULT-VALUE}.")
        NumberUsage usage;

        @Override
        public Integer call() {
            PhoneNumberRange r = PhoneNumberRange.parse(range);
            String p = prefix.orElseGet(() -> r.first().digits().substring(0, Math.min(6, r.first().digits()
                    .length())));
            ImportResult result = global.platform().inventory().importNumbers(r, NumberAttributes.of(country, p,
                    type(type), usage), "cli");
            spec.commandLine().getOut().println(result.added() + " imported, " + result.alreadyPresent()
                    + " already present");
            return ExitCodes.OK;
        }
    }

    /** Lists a tenant's numbers. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the numbers held for a tenant.")
    static final class ListNumbers implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;

        @Override
        public Integer call() {
            List<InventoryNumber> numbers = global.platform().inventory().byTenant(TenantId.parse(tenant));
            if (global.json) {
                var arr = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
                numbers.forEach(n -> arr.addObject().put("number", n.number().e164())
                        .put("state", n.status().state().name()).put("type", n.attributes().type().name())
                        .put("usage", n.attributes().usage().name()).put("country", n.attributes().country()));
                spec.commandLine().getOut().println(arr.toPrettyString());
                return ExitCodes.OK;
            }
            for (InventoryNumber n : numbers) {
                spec.commandLine().getOut().println(n.number() + " " + n.status().state() + " "
                        + n.attributes().type() + " " + n.attributes().usage());
            }
            spec.commandLine().getOut().println(numbers.size() + " numbers");
            return ExitCodes.OK;
        }
    }

    /** Allocates one number. */
    @Command(name = "allocate", mixinStandardHelpOptions = true, description = "Reserve the lowest available number "
            + "of a country for a tenant (30 minutes unless used).")
    static final class Allocate implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;
        @Option(names = "--country", required = true, description = "ISO country.")
        String country;

        @Override
        public Integer call() {
            Optional<InventoryNumber> n = global.platform().inventory().allocate(AllocationRequest.lowest(
                    TenantId.parse(tenant), country, "cli"));
            if (n.isEmpty()) {
                spec.commandLine().getErr().println("no available number in " + country);
                return ExitCodes.FINDINGS;
            }
            spec.commandLine().getOut().println(n.get().number() + " reserved until "
                    + n.get().reservation().orElseThrow().expiresAt());
            return ExitCodes.OK;
        }
    }

    /** Prints number outcomes; exit 1 when any failed. */
    static int printOutcomes(picocli.CommandLine.Model.CommandSpec spec, boolean json,
            List<dev.tenantconnect.voice.enablement.NumberOutcome> outcomes, String done) {
        var out = spec.commandLine().getOut();
        if (json) {
            var m = new com.fasterxml.jackson.databind.ObjectMapper();
            var arr = m.createArrayNode();
            outcomes.forEach(o -> {
                var n = arr.addObject().put("number", o.number().e164()).put("succeeded", o.succeeded());
                o.problem().ifPresent(p -> n.put("problem", p));
            });
            out.println(arr.toPrettyString());
        } else {
            outcomes.forEach(o -> out.println(o.number().e164() + "  " + o.problem().map(p -> "failed: " + p)
                    .orElse(done)));
        }
        return outcomes.stream().allMatch(dev.tenantconnect.voice.enablement.NumberOutcome::succeeded)
                ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** Uploads numbers to a tenant. */
    @Command(name = "upload", mixinStandardHelpOptions = true, description = "Upload Operator Connect numbers to a "
            + "customer tenant ahead of assignment (they are reserved for it first). Exit 1 when any failed.")
    static final class Upload extends UsersCommand.UserCommand {
        @Parameters(arity = "1..*", paramLabel = "NUMBER", description = "Numbers (E.164) or ranges "
                + "(+6567891230..+6567891239).")
        List<String> numbers;

        @Override
        public Integer call() {
            List<dev.tenantconnect.core.model.PhoneNumber> all = new java.util.ArrayList<>();
            numbers.forEach(n -> PhoneNumberRange.parse(n.contains("..") ? n : n + ".." + n).forEach(all::add));
            return printOutcomes(spec, global.json, enablement().uploadNumbers(key(), all), "in the tenant");
        }
    }

    /** Releases numbers from a tenant. */
    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release unassigned numbers from a "
            + "customer tenant back to the operator; they are quarantined before reuse. Exit 1 when any failed.")
    static final class Release extends UsersCommand.UserCommand {
        @Parameters(arity = "1..*", paramLabel = "NUMBER", description = "Numbers (E.164).")
        List<String> numbers;

        @Override
        public Integer call() {
            var e = enablement();
            return printOutcomes(spec, global.json, numbers.stream().map(dev.tenantconnect.core.model.PhoneNumber::parse)
                    .map(n -> e.releaseNumber(key(), n)).toList(), "released; quarantined");
        }
    }

    /** Capacity. */
    @Command(name = "capacity", mixinStandardHelpOptions = true, description = "Numbers by state and pool, "
            + "utilisation, allocations per day and days until exhaustion.")
    static final class Capacity implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--days", defaultValue = "30", description = "Look-back for the allocation rate. Default: "
                + "${DEFAULT-VALUE}.")
        int days;

        @Override
        public Integer call() throws Exception {
            CapacityReport c = global.platform().inventory().capacity(Duration.ofDays(days));
            var out = spec.commandLine().getOut();
            if (global.json) {
                var m = new com.fasterxml.jackson.databind.ObjectMapper();
                var o = m.createObjectNode();
                o.put("total", c.total());
                var st = o.putObject("byState");
                new TreeMap<>(c.byState()).forEach((k, v) -> st.put(k.name(), v));
                var pools = o.putObject("availableByCountryAndPrefix");
                c.availableByCountryAndPrefix().forEach(pools::put);
                o.put("utilisation", c.utilisation());
                o.put("allocationsPerDay", c.allocationsPerDay());
                if (c.daysUntilExhaustion().isPresent()) {
                    o.put("daysUntilExhaustion", c.daysUntilExhaustion().getAsDouble());
                }
                out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            } else {
                out.println(c.total() + " numbers; " + new TreeMap<>(c.byState()));
                out.println("available by pool: " + new TreeMap<>(c.availableByCountryAndPrefix()));
                out.printf("utilisation %.1f %%, %.1f allocations/day, %s%n", c.utilisation() * 100,
                        c.allocationsPerDay(), c.daysUntilExhaustion().isPresent() ? String.format(
                                "%.1f days until exhaustion", c.daysUntilExhaustion().getAsDouble())
                                : "no exhaustion in sight");
            }
            return ExitCodes.OK;
        }
    }
}
