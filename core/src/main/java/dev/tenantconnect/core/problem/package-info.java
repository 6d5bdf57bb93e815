/**
 * Typed problems: a {@link dev.tenantconnect.core.problem.ProblemCode} to act on in code, the field it concerns and a
 * message for people. Preflight checks, enablement results and bulk rows report them; remediation is chosen by code.
 */
package dev.tenantconnect.core.problem;
