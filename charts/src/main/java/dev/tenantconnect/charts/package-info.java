/**
 * Reports for people: the capacity chart an operator drops into a report ({@link
 * dev.tenantconnect.charts.CapacityChart}, drawn with JFreeChart). A module of its own, so that only applications
 * that draw charts carry JFreeChart.
 */
package dev.tenantconnect.charts;
