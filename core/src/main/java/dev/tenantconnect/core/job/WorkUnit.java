package dev.tenantconnect.core.job;

import java.util.List;

/**
 * A share of a job's rows that one runner works at a time (see {@link JobUnits}).
 *
 * @param index the unit's position in the job, from 0
 * @param stage the unit is claimed only once every unit of a lower stage is done (e.g. rows that name their number
 *     before rows that pick one; the results file last)
 * @param lines the file lines of its rows, ascending; empty for a unit that assembles the results
 * @param done whether a runner completed it
 */
public record WorkUnit(int index, int stage, List<Long> lines, boolean done) {
    /** Validates and copies. */
    public WorkUnit {
        if (index < 0 || stage < 0) {
            throw new IllegalArgumentException("index and stage must not be negative");
        }
        lines = List.copyOf(lines);
    }

    /**
     * @param index the unit's position
     * @param stage its stage
     * @param lines its rows' lines
     * @return a unit not yet done
     */
    public static WorkUnit of(int index, int stage, List<Long> lines) {
        return new WorkUnit(index, stage, lines, false);
    }
}
