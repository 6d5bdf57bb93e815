/**
 * Extensions of the operator's platform (the bulk file's "Ext Key", user, number, add-ons): the record that says what
 * an extension holds, so that re-applying a bulk file recognises finished rows instead of writing them again.
 */
package dev.tenantconnect.core.extension;
