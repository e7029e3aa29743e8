package io.flexhub.flex.optimizer;

/** UFTP ISP disposition of a FlexRequest ISP. */
public enum Disposition {
    /** The DSO wants a deviation here. */
    REQUESTED,
    /** The DSO tolerates a deviation in the opposite direction here, up to the given room. */
    AVAILABLE
}
