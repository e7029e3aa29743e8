package io.flexhub.flex;

/**
 * Flexibility asked for inside the hub, without a UFTP trade: the seed's demand-response interface
 * ({@code POST /services/demand-response/request}) and PV surplus from the self-consumption optimizer. The engine
 * plans it with the same LP as a FlexOffer and, when something can be delivered, runs it as demand-response events
 * straight away.
 */
public interface LocalFlexibility {

    LocalFlexResult request(LocalFlexRequest request);

    /** Cancels the events still scheduled or running for {@code plan} (a re-plan that no longer asks for anything). */
    void withdraw(String plan);
}
