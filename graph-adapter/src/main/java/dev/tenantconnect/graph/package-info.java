/**
 * Entra ID and Microsoft Graph side of the core ports: MSAL4J confidential and public clients, Graph SDK v6 clients on a shared OkHttp client with the SDK's retry handler replaced by the core transport policy. Filled by the tenant connection issue (#4).
 */
package dev.tenantconnect.graph;
