/** Implementation details of the bulk module; not API. */
package dev.tenantconnect.bulk.internal;
