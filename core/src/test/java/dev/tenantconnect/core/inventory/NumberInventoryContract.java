package dev.tenantconnect.core.inventory;

import static dev.tenantconnect.core.number.NumberState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.InvalidTransitionException;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberTransition;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link NumberInventory} passes. Extend it and implement {@link #newInventory}; published in the
 * core test-jar for the JDBC store and operators' own stores.
 */
public abstract class NumberInventoryContract {
    /** A customer tenant. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    /** Another customer tenant. */
    protected static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");
    /** One hundred Singapore user numbers. */
    protected static final PhoneNumberRange SG = PhoneNumberRange.parse("+6567891200..+6567891299");
    /** Singapore attributes. */
    protected static final NumberAttributes SG_USER =
            NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT, NumberUsage.USER);

    /** The clock the inventory under test uses. */
    protected FakeClock clock;
    /** The inventory under test. */
    protected NumberInventory inventory;

    /**
     * @param clock the clock to use
     * @param quarantine the quarantine policy to use
     * @return a new, empty inventory
     */
    protected abstract NumberInventory newInventory(FakeClock clock, QuarantinePolicy quarantine);

    @BeforeEach
    protected void createInventory() {
        clock = FakeClock.atEpoch2026();
        inventory = newInventory(clock, new QuarantinePolicy(Duration.ofDays(30)));
        inventory.importNumbers(SG, SG_USER, "importer");
    }

    private static PhoneNumber n(String s) {
        return PhoneNumber.parse(s);
    }

    @Test
    void imports_add_new_numbers_once_and_refuse_bad_ones_whole() {
        assertThat(inventory.importNumbers(SG, SG_USER, "importer")).isEqualTo(new ImportResult(0, 100));
        List<PhoneNumber> mixed = List.of(n("+6567891300"), n("+6599990000"));
        assertThatThrownBy(() -> inventory.importNumbers(mixed, SG_USER, "importer"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("prefix");
        assertThat(inventory.find(n("+6567891300"))).as("nothing half-imported").isEmpty();
        assertThat(inventory.find(n("+6567891250")).orElseThrow().status().state()).isEqualTo(AVAILABLE);
    }

    @Test
    void allocation_reserves_the_lowest_matching_number_for_the_tenant() {
        InventoryNumber a = inventory.allocate(AllocationRequest.lowest(TENANT, "SG", "job-1")).orElseThrow();
        InventoryNumber b = inventory.allocate(AllocationRequest.lowest(TENANT, "SG", "job-1")).orElseThrow();

        assertThat(a.number()).isEqualTo(n("+6567891200"));
        assertThat(b.number()).isEqualTo(n("+6567891201"));
        assertThat(a.status().state()).isEqualTo(RESERVED);
        assertThat(a.tenant()).contains(TENANT);
        assertThat(a.reservation().orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(inventory.allocate(AllocationRequest.lowest(TENANT, "GB", "job-1"))).isEmpty();
        assertThat(inventory.allocate(AllocationRequest.builder(TENANT, "SG").prefix("6567891")
                .usage(NumberUsage.CONFERENCE).holder("job").reservationTtl(Duration.ofMinutes(5)).build()))
                .isEmpty();
    }

    @Test
    void strategies_pick_sequentially_keep_ranges_together_or_at_random() {
        inventory.reserve(n("+6567891250"), OTHER, "ops", Duration.ofHours(1));
        AllocationRequest keep = AllocationRequest.builder(OTHER, "SG")
                .strategy(SelectionStrategy.KEEP_RANGES_TOGETHER).holder("job").reservationTtl(Duration.ofHours(1))
                .build();
        assertThat(inventory.allocate(keep).orElseThrow().number()).isEqualTo(n("+6567891249"));

        inventory.reserve(n("+6567891240"), TENANT, "ops", Duration.ofHours(1));
        inventory.allocate(AllocationRequest.builder(TENANT, "SG").prefix("65678912")
                .holder("job").reservationTtl(Duration.ofHours(1)).build());
        AllocationRequest sequential = AllocationRequest.builder(TENANT, "SG")
                .strategy(SelectionStrategy.SEQUENTIAL_AFTER_LAST).holder("job").reservationTtl(Duration.ofHours(1))
                .build();
        PhoneNumber s1 = inventory.allocate(sequential).orElseThrow().number();
        PhoneNumber s2 = inventory.allocate(sequential).orElseThrow().number();
        assertThat(s2).isGreaterThan(s1);

        AllocationRequest random = AllocationRequest.builder(TENANT, "SG")
                .strategy(SelectionStrategy.RANDOM).holder("job").reservationTtl(Duration.ofHours(1)).build();
        Set<PhoneNumber> picked = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            InventoryNumber r = inventory.allocate(random).orElseThrow();
            assertThat(SG.contains(r.number())).isTrue();
            assertThat(picked.add(r.number())).isTrue();
        }
    }

    /**
     * Runs the threads from one start until each one's calls come back empty; asserts that no number is handed out
     * twice and that the whole pool of 100 was.
     *
     * @param threads how many
     * @param call what thread t calls (a single allocation as a list of at most one, or a batch)
     * @return the numbers handed out
     */
    private Set<PhoneNumber> drainConcurrently(int threads,
            java.util.function.IntFunction<java.util.function.Function<AllocationRequest, List<InventoryNumber>>> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<PhoneNumber> got = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                java.util.function.Function<AllocationRequest, List<InventoryNumber>> mineCall = call.apply(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    while (true) {
                        List<InventoryNumber> r = mineCall.apply(AllocationRequest.lowest(TENANT, "SG",
                                Thread.currentThread().getName()));
                        if (r.isEmpty()) {
                            return mine;
                        }
                        for (InventoryNumber x : r) {
                            assertThat(got.add(x.number())).as("allocated twice").isTrue();
                        }
                        mine += r.size();
                    }
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
        assertThat(got).hasSize(100);
        return got;
    }

    @Test
    void sixteen_concurrent_allocators_never_get_the_same_number() throws Exception {
        drainConcurrently(16, t -> r -> inventory.allocate(r).stream().toList());
    }

    @Test
    void a_batch_reserves_the_lowest_numbers_in_one_call_and_records_each_like_a_single_allocation() {
        AllocationRequest lowest = AllocationRequest.lowest(TENANT, "SG", "job-7");
        List<InventoryNumber> five = inventory.allocate(lowest, 5);

        assertThat(five).extracting(InventoryNumber::number).containsExactly(n("+6567891200"), n("+6567891201"),
                n("+6567891202"), n("+6567891203"), n("+6567891204"));
        for (InventoryNumber r : five) {
            assertThat(r.status().state()).isEqualTo(RESERVED);
            assertThat(r.tenant()).contains(TENANT);
            assertThat(r.reservation().orElseThrow().holder()).isEqualTo("job-7");
            assertThat(inventory.find(r.number())).contains(r);
            assertThat(inventory.history(r.number())).last().satisfies(t -> {
                assertThat(t.from()).isEqualTo(AVAILABLE);
                assertThat(t.to()).isEqualTo(RESERVED);
                assertThat(t.actor()).isEqualTo("job-7");
                assertThat(t.reason()).isEqualTo("allocated (lowest)");
            });
        }
        assertThat(inventory.capacity(Duration.ofDays(1)).allocationsPerDay()).as("each one counted").isEqualTo(5.0);
        assertThat(inventory.allocate(lowest).orElseThrow().number()).isEqualTo(n("+6567891205"));

        assertThat(inventory.allocate(AllocationRequest.builder(TENANT, "SG").prefix("656789129").holder("job-7")
                .build(), 50)).as("fewer when the pool runs short").hasSize(10)
                .allSatisfy(r -> assertThat(r.number().digits()).startsWith("656789129"));
        assertThat(inventory.allocate(lowest, 1000)).hasSize(84);
        assertThat(inventory.allocate(lowest, 3)).as("none left").isEmpty();
        assertThatThrownBy(() -> inventory.allocate(lowest, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("count");
    }

    @Test
    void concurrent_batches_and_single_allocations_never_hand_out_a_number_twice() throws Exception {
        // single allocations beside batches of 3 to 9
        drainConcurrently(8, t -> t % 4 == 0 ? r -> inventory.allocate(r).stream().toList()
                : r -> inventory.allocate(r, t + 2));
        assertThat(inventory.capacity(Duration.ofDays(1)).byState()).containsEntry(RESERVED, 100L);
    }

    @Test
    void a_batch_for_several_holders_reserves_the_ith_number_for_the_ith_holder_so_each_is_found_by_its_holder() {
        AllocationRequest lowest = AllocationRequest.lowest(TENANT, "SG", "not-used");
        List<InventoryNumber> three = inventory.allocate(lowest, List.of("job-7:row-2", "job-7:row-3", "job-7:row-9"));

        assertThat(three).extracting(InventoryNumber::number).containsExactly(n("+6567891200"), n("+6567891201"),
                n("+6567891202"));
        assertThat(three).extracting(r -> r.reservation().orElseThrow().holder()).containsExactly("job-7:row-2",
                "job-7:row-3", "job-7:row-9");
        for (InventoryNumber r : three) {
            assertThat(r.status().state()).isEqualTo(RESERVED);
            assertThat(r.tenant()).contains(TENANT);
            assertThat(inventory.find(r.number())).as("stored as returned").contains(r);
            assertThat(inventory.history(r.number())).last().satisfies(t -> {
                assertThat(t.to()).isEqualTo(RESERVED);
                assertThat(t.actor()).isEqualTo(r.reservation().orElseThrow().holder());
                assertThat(t.reason()).isEqualTo("allocated (lowest)");
            });
        }
        assertThat(inventory.byTenant(TENANT)).as("a caller that lost the answer finds each number by its holder")
                .filteredOn(x -> x.reservation().map(v -> v.holder().equals("job-7:row-3")).orElse(false))
                .extracting(InventoryNumber::number).containsExactly(n("+6567891201"));
        assertThat(inventory.capacity(Duration.ofDays(1)).allocationsPerDay()).as("each one counted").isEqualTo(3.0);

        List<String> twelve = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "job-8:row-" + i).toList();
        List<InventoryNumber> short10 = inventory.allocate(AllocationRequest.builder(TENANT, "SG").prefix("656789129")
                .holder("not-used").build(), twelve);
        assertThat(short10).as("the first holders get a number when the pool runs short").hasSize(10)
                .extracting(r -> r.reservation().orElseThrow().holder()).containsExactlyElementsOf(twelve.subList(0,
                        10));
        assertThat(short10).extracting(r -> r.number().digits()).allSatisfy(d -> assertThat(d)
                .startsWith("656789129")).isSorted();

        assertThatThrownBy(() -> inventory.allocate(lowest, List.<String>of())).isInstanceOf(
                ValidationException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> inventory.allocate(lowest, List.of("job-9:row-1", " "))).isInstanceOf(
                ValidationException.class).hasMessageContaining("holders");
        assertThat(inventory.find(n("+6567891203")).orElseThrow().status().state()).as("nothing reserved by a "
                + "refused batch").isEqualTo(AVAILABLE);
    }

    @Test
    void concurrent_batches_for_several_holders_never_hand_out_a_number_twice() throws Exception {
        drainConcurrently(8, t -> t % 4 == 0 ? r -> inventory.allocate(r).stream().toList()
                : r -> inventory.allocate(r, java.util.stream.IntStream.range(0, t + 2).mapToObj(i -> r.holder()
                        + "-" + i).toList()));
        assertThat(inventory.capacity(Duration.ofDays(1)).byState()).containsEntry(RESERVED, 100L);
    }

    @Test
    void unused_reservations_expire_back_into_the_pool() {
        InventoryNumber a = inventory.allocate(AllocationRequest.lowest(TENANT, "SG", "job-1")).orElseThrow();
        clock.advance(Duration.ofMinutes(31));

        assertThat(inventory.expireReservations()).isEqualTo(1);

        InventoryNumber back = inventory.find(a.number()).orElseThrow();
        assertThat(back.status().state()).isEqualTo(AVAILABLE);
        assertThat(back.tenant()).isEmpty();
        assertThat(inventory.history(a.number())).extracting(NumberTransition::reason).contains("reservation expired");
    }

    @Test
    void reservations_expire_one_by_one_each_when_its_own_time_comes() {
        InventoryNumber shorter = inventory.allocate(AllocationRequest.builder(TENANT, "SG").holder("job-1")
                .reservationTtl(Duration.ofMinutes(10)).build()).orElseThrow();
        InventoryNumber longer = inventory.allocate(AllocationRequest.builder(TENANT, "SG").holder("job-2")
                .reservationTtl(Duration.ofMinutes(30)).build()).orElseThrow();

        clock.advance(Duration.ofMinutes(9));
        assertThat(inventory.expireReservations()).as("none due yet").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(inventory.expireReservations()).as("the 10-minute one").isEqualTo(1);
        assertThat(inventory.find(shorter.number()).orElseThrow().status().state()).isEqualTo(AVAILABLE);
        assertThat(inventory.find(longer.number()).orElseThrow().status().state()).isEqualTo(RESERVED);
        clock.advance(Duration.ofMinutes(18));
        assertThat(inventory.expireReservations()).as("the 30-minute one, not yet").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(inventory.expireReservations()).as("the 30-minute one").isEqualTo(1);
        assertThat(inventory.find(longer.number()).orElseThrow().status().state()).isEqualTo(AVAILABLE);
    }

    @Test
    void every_move_is_checked_versioned_and_recorded() {
        InventoryNumber n = inventory.allocate(AllocationRequest.lowest(TENANT, "SG", "job-1")).orElseThrow();
        n = inventory.move(n.number(), UPLOADING, n.version(), "job-1", "upload batch 1");
        n = inventory.move(n.number(), IN_TENANT, n.version(), "job-1", "synced");
        InventoryNumber stale = n;
        n = inventory.move(n.number(), ASSIGNING, n.version(), "job-1", "assign to user");
        n = inventory.fail(n.number(), ASSIGNMENT_FAILED, n.version(), "job-1", "userNotLicensed");
        assertThat(n.status().failureReason()).contains("userNotLicensed");
        n = inventory.move(n.number(), ASSIGNING, n.version(), "job-2", "retry");
        n = inventory.move(n.number(), ASSIGNED, n.version(), "job-2", "operation succeeded");

        PhoneNumber number = n.number();
        assertThatThrownBy(() -> inventory.move(number, UNASSIGNING, stale.version(), "x", "y"))
                .isInstanceOf(ConcurrentUpdateException.class);
        long v = n.version();
        assertThatThrownBy(() -> inventory.move(number, AVAILABLE, v, "x", "y"))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(inventory.history(number)).extracting(NumberTransition::to).containsExactly(AVAILABLE, RESERVED,
                UPLOADING, IN_TENANT, ASSIGNING, ASSIGNMENT_FAILED, ASSIGNING, ASSIGNED);
        assertThat(inventory.history(number).get(5).actor()).isEqualTo("job-1");
    }

    @Test
    void released_numbers_cool_off_in_quarantine_unless_an_operator_forces_them_back() {
        InventoryNumber n = inventory.reserve(n("+6567891210"), TENANT, "ops", Duration.ofHours(1));
        n = inventory.move(n.number(), IN_TENANT, n.version(), "ops", "direct routing");
        n = inventory.move(n.number(), RELEASING, n.version(), "ops", "customer left");
        n = inventory.move(n.number(), QUARANTINED, n.version(), "ops", "released");
        long v = n.version();
        PhoneNumber number = n.number();
        assertThatThrownBy(() -> inventory.move(number, AVAILABLE, v, "sweeper", "reuse"))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("quarantine ends");

        clock.advance(Duration.ofDays(30));
        assertThat(inventory.move(number, AVAILABLE, v, "sweeper", "reuse").tenant()).isEmpty();

        InventoryNumber m = inventory.reserve(n("+6567891211"), TENANT, "ops", Duration.ofHours(1));
        assertThat(inventory.force(m.number(), AVAILABLE, "ops@operator", "typo in order").status().state())
                .isEqualTo(AVAILABLE);
        assertThat(inventory.history(m.number())).last().satisfies(t -> assertThat(t.forced()).isTrue());
        inventory.reserve(n("+6567891212"), TENANT, "ops", Duration.ofHours(1));
        assertThatThrownBy(() -> inventory.reserve(n("+6567891212"), OTHER, "ops", Duration.ofHours(1)))
                .isInstanceOf(NumberConflictException.class).hasMessageNotContaining("6567891212");
    }

    @Test
    void a_released_number_is_no_longer_listed_under_the_tenant_it_left() {
        InventoryNumber kept = inventory.reserve(n("+6567891220"), TENANT, "ops", Duration.ofHours(1));
        InventoryNumber n = inventory.reserve(n("+6567891221"), TENANT, "ops", Duration.ofHours(1));
        n = inventory.move(n.number(), IN_TENANT, n.version(), "ops", "direct routing");
        n = inventory.move(n.number(), RELEASING, n.version(), "ops", "customer left");
        assertThat(inventory.byTenant(TENANT)).extracting(InventoryNumber::number)
                .containsExactly(kept.number(), n.number());

        n = inventory.move(n.number(), QUARANTINED, n.version(), "ops", "released");

        assertThat(inventory.byTenant(TENANT)).extracting(InventoryNumber::number).containsExactly(kept.number());
        assertThat(inventory.find(n.number()).orElseThrow().tenant()).contains(TENANT);
        clock.advance(Duration.ofDays(30));
        inventory.move(n.number(), AVAILABLE, n.version(), "sweeper", "reuse");
        assertThat(inventory.byTenant(TENANT)).extracting(InventoryNumber::number).containsExactly(kept.number());
    }

    @Test
    void capacity_counts_states_tenants_and_forecasts_exhaustion() {
        for (int i = 0; i < 10; i++) {
            inventory.allocate(AllocationRequest.lowest(TENANT, "SG", "job"));
        }
        clock.advance(Duration.ofMinutes(1));

        CapacityReport report = inventory.capacity(Duration.ofDays(10));

        assertThat(report.total()).isEqualTo(100);
        assertThat(report.byState()).containsEntry(RESERVED, 10L).containsEntry(AVAILABLE, 90L);
        assertThat(report.byTenant()).containsEntry(TENANT, 10L);
        assertThat(report.availableByCountryAndPrefix()).containsEntry("SG/656789", 90L);
        assertThat(report.utilisation()).isEqualTo(0.1);
        assertThat(report.allocationsPerDay()).isEqualTo(1.0);
        assertThat(report.daysUntilExhaustion()).hasValue(90.0);
        assertThat(inventory.byTenant(TENANT)).hasSize(10);
    }
}
