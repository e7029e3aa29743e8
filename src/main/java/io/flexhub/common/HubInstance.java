package io.flexhub.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Identifies this process among the hub instances sharing one database (lease owner of claimed rows). */
@Component
public class HubInstance {

    private final String id;

    public HubInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "hub";
        }
        String name = host.length() > 40 ? host.substring(0, 40) : host;
        this.id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }
}
