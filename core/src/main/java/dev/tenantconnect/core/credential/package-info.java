/**
 * Tenant credentials (client secret, certificate, delegated token, legacy password) whose secrets never show, the connection-method upgrade path, and the credential store SPI with its in-memory and encrypted-file implementations.
 */
package dev.tenantconnect.core.credential;
