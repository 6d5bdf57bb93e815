/** Implementation of the leak scanner; not for use outside this module. */
package dev.tenantconnect.leaks.internal;
