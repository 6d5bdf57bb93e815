/** File output that never leaves a truncated or half-written file behind. */
package dev.tenantconnect.core.io;
