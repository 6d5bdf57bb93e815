package dev.tenantconnect.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the engine answers before WireMock turns it into bytes. */
final class SimResponse {
    int status;
    String body = "";
    final Map<String, String> headers = new LinkedHashMap<>();
    boolean drop;
    String endpoint = "unknown";

    static SimResponse json(int status, String body) {
        SimResponse r = new SimResponse();
        r.status = status;
        r.body = body;
        r.headers.put("Content-Type", "application/json; charset=utf-8");
        return r;
    }

    SimResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    SimResponse endpoint(String name) {
        this.endpoint = name;
        return this;
    }
}
