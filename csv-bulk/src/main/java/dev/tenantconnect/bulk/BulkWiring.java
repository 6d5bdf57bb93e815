package dev.tenantconnect.bulk;

import dev.tenantconnect.core.billing.UsageEvent;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.voice.enablement.EnablementPreflight;
import dev.tenantconnect.voice.enablement.UserEnablement;
import java.time.Clock;
import java.util.function.Consumer;

/** What the planner, the runs, the recovery and the results share: the wiring {@link BulkAssignments} was built with. */
final class BulkWiring {
    final MicrosoftTenants graph;
    final CredentialStore store;
    final NumberInventory inventory;
    final UserEnablement enablement;
    final ExtensionStore extensions;
    final JobJournal journal;
    final BulkFileFormat format;
    final Clock clock;
    final Consumer<UsageEvent> usage;
    final EnablementPreflight preflight;
    final dev.tenantconnect.core.resilience.Sleeper sleeper;

    BulkWiring(MicrosoftTenants graph, CredentialStore store, NumberInventory inventory, UserEnablement enablement,
            ExtensionStore extensions, JobJournal journal, BulkFileFormat format, Clock clock,
            Consumer<UsageEvent> usage, dev.tenantconnect.core.resilience.Sleeper sleeper) {
        this.graph = graph;
        this.store = store;
        this.inventory = inventory;
        this.enablement = enablement;
        this.extensions = extensions;
        this.journal = journal;
        this.format = format;
        this.clock = clock;
        this.usage = usage;
        this.sleeper = sleeper;
        this.preflight = EnablementPreflight.of(format.catalog());
    }
}
