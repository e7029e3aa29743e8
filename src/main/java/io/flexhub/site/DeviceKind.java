package io.flexhub.site;

/** What a device is, as far as the engines care. NGSI-LD type names in {@link #ngsiLdType()}. */
public enum DeviceKind {
    THERMOSTAT("Thermostat"),
    EV_CHARGER("EVChargingStation"),
    SMART_PLUG("SmartPlug"),
    PV("PhotovoltaicMeasurement"),
    BATTERY("Battery"),
    METER("ElectricityMeter"),
    OTHER("Device");

    private final String ngsiLdType;

    DeviceKind(String ngsiLdType) {
        this.ngsiLdType = ngsiLdType;
    }

    public String ngsiLdType() {
        return ngsiLdType;
    }
}
