/**
 * Operator add-on licence codes (seed 001), the catalogue that parses them with near-miss suggestions, and the rules on the add-ons of one extension.
 */
package dev.tenantconnect.core.addon;
