/**
 * The exception hierarchy: one unchecked root, {@link dev.tenantconnect.core.error.TenantConnectException}, with
 * client-side errors apart from service errors.
 *
 * <p>Client-side: {@link dev.tenantconnect.core.error.ValidationException} (bad input: field and rule),
 * {@link dev.tenantconnect.core.error.ConfigurationException}, {@link dev.tenantconnect.core.error.StoreException}
 * and its subtypes, {@link dev.tenantconnect.core.error.TransportException} (the network failed; says whether the
 * request may have been sent), {@link dev.tenantconnect.core.error.InvalidTransitionException},
 * {@link dev.tenantconnect.core.error.ForeignApplicationException},
 * {@link dev.tenantconnect.core.error.UnretiredCredentialException}.
 *
 * <p>Service errors are {@link dev.tenantconnect.core.error.ServiceException}s carrying an
 * {@link dev.tenantconnect.core.error.ErrorContext} (tenant, HTTP status, service error code, request IDs). A plain
 * {@code ServiceException} is an answer no subtype describes (a 5xx after the retry budget, a 400, a 409 …). The
 * subtypes:
 * <ul>
 *   <li>{@link dev.tenantconnect.core.error.AuthenticationFailedException}: Entra refused to issue a token, or the
 *       service refused the token (401).</li>
 *   <li>{@link dev.tenantconnect.core.error.MissingPrivilegesException}: the credential lacks a Graph permission or
 *       directory role — found by verification, or answered with 403; names the permissions the endpoint needs
 *       according to Microsoft, and the service's error code and (escaped) message.</li>
 *   <li>{@link dev.tenantconnect.core.error.ResourceNotFoundException}: the object asked for does not exist (404);
 *       its subtype {@link dev.tenantconnect.core.error.NotFoundMaybeReplicatingException}: an object that should
 *       exist did not become visible within the consistency policy's budget.</li>
 *   <li>{@link dev.tenantconnect.core.error.ThrottledException}: 429 (or 503 with {@code Retry-After}) that the
 *       retry budget could not absorb; {@code retryAfter()} says when to try again.</li>
 *   <li>{@link dev.tenantconnect.core.error.MalformedResponseException}: an answer that could not be read (field and
 *       rule, never the value).</li>
 *   <li>{@link dev.tenantconnect.core.error.TenantMismatchException}: the credential belongs to another tenant.</li>
 *   <li>{@link dev.tenantconnect.core.error.LicenseException}: a user or tenant lacks a licence the operation
 *       needs.</li>
 *   <li>{@link dev.tenantconnect.core.error.NumberConflictException}: a number is taken, reserved elsewhere, or not
 *       in the pool.</li>
 * </ul>
 */
package dev.tenantconnect.core.error;
