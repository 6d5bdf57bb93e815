/**
 * Operator add-on licence codes (the add-on columns of the bulk file), the catalogue that parses them with near-miss
 * suggestions, and the rules on the add-ons of one extension.
 */
package dev.tenantconnect.core.addon;
