/**
 * Enabling users for Teams calling (seed 001 §2–§4, seed 000 "add service for users without being a Teams
 * administrator"): {@link dev.tenantconnect.voice.enablement.UserEnablement} runs preflight, allocation, upload,
 * assignment and billing as one pipeline that compensates on failure and converges when re-run.
 */
package dev.tenantconnect.voice.enablement;
