/**
 * The nightly self-consumption plan of a site, framework-free: building the optimiser's input from forecasts,
 * tariff and site assets ({@link io.flexhub.selfconsumption.plan.SitePlan}), and splitting its answer into
 * per-device schedules, NGSI-LD entities and setpoints ({@link io.flexhub.selfconsumption.plan.DeviceSchedules}).
 */
package io.flexhub.selfconsumption.plan;
