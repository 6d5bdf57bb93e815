/**
 * Entra ID and Microsoft Graph side of the core ports ({@code dev.tenantconnect.core.tenant}):
 * {@link dev.tenantconnect.graph.GraphConnector} (MSAL4J confidential and public clients, Graph SDK v6 clients on one
 * shared HTTP client with the SDK's retry handler replaced by the core transport policy) hands out the tenant's
 * directory reads, Teams numbers, policies, directory and app-registration writes. No transport type (OkHttp, Graph
 * SDK) appears in a public signature; a Graph 403 arrives as
 * {@link dev.tenantconnect.core.error.MissingPrivilegesException}, a 404 as
 * {@link dev.tenantconnect.core.error.ResourceNotFoundException}.
 */
package dev.tenantconnect.graph;
