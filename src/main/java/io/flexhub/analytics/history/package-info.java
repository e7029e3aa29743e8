/**
 * The FlexRequest history that grid-pattern analytics learns from, and the one owner of its tables (migrations
 * V21, V22): every FlexRequest the hub accepts ({@link io.flexhub.analytics.history.ReceivedFlexRequests}),
 * archived ones imported through {@code POST /api/analytics/flex-requests}
 * ({@link io.flexhub.analytics.history.FlexRequestImport}), read back per congestion point and day
 * ({@link io.flexhub.analytics.history.FlexRequestHistory}). See docs/analytics.md, "History and import".
 */
package io.flexhub.analytics.history;
