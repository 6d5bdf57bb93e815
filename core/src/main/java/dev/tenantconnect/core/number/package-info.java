/**
 * The telephone-number lifecycle: states, the transition table, recorded transitions, and the quarantine policy.
 */
package dev.tenantconnect.core.number;
