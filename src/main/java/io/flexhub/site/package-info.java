/**
 * The building side of the hub, framework-free: sites, devices, their flexibility configuration and the two
 * ports the engines depend on ({@link io.flexhub.site.ContextStore} for context, {@link io.flexhub.site.DeviceActuator}
 * for commands). Adapters live elsewhere: the NGSI-LD broker adapter in {@code io.flexhub.ngsild}, the
 * embedded (database-backed, seeded from a site file) adapter in {@code io.flexhub.site.embedded}.
 */
package io.flexhub.site;
