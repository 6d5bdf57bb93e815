/**
 * Directory roles by template ID, Graph application permissions by app-role ID, requirements as any-of/all-of expressions, and their evaluation: satisfied, missing, satisfied by, excess.
 */
package dev.tenantconnect.core.access;
