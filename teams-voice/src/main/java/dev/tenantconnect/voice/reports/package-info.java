/** Reports for people: the capacity chart an operator drops into a report. */
package dev.tenantconnect.voice.reports;
