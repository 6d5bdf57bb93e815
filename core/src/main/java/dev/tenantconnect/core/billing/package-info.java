/**
 * Usage and billing (accurate billing for the users enabled): every enable, disable and add-on
 * change is a {@link dev.tenantconnect.core.billing.UsageEvent} in a {@link dev.tenantconnect.core.billing.UsageLedger};
 * a {@link dev.tenantconnect.core.billing.BillingReport} turns a period of it into user-days and peaks per tenant
 * and add-on, with the events that explain each line.
 */
package dev.tenantconnect.core.billing;
