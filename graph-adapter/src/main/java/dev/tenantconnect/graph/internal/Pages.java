package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.MalformedResponseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Reads every page of a Graph collection. Two paging styles exist: server-driven ({@code @odata.nextLink}, which
 * most directory collections use) and client-driven {@code $top}/{@code $skip} (the Teams number list, which
 * Microsoft documents without a nextLink). A nextLink is only followed when it points at the configured Graph
 * endpoint over https: the token goes with it. Not API.
 */
public final class Pages {
    private Pages() {
    }

    /**
     * One page as read from Graph.
     *
     * @param items its items (already converted)
     * @param nextLink its {@code @odata.nextLink}, if any
     * @param <T> item type
     */
    public record Page<T>(List<T> items, Optional<String> nextLink) {
        /** Copies. */
        public Page {
            items = List.copyOf(items);
            Objects.requireNonNull(nextLink, "nextLink");
        }

        /**
         * @param items items, {@code null} when the answer had none
         * @param nextLink nextLink or {@code null}
         * @param <T> item type
         * @return the page
         */
        public static <T> Page<T> of(List<T> items, String nextLink) {
            return new Page<>(items == null ? List.of() : items, Optional.ofNullable(nextLink));
        }
    }

    /**
     * Server-driven paging: the first page, then every {@code @odata.nextLink}.
     *
     * @param base the configured Graph base URL
     * @param first the first page
     * @param next reads the page at a (checked) nextLink
     * @param <T> item type
     * @return every item
     */
    public static <T> List<T> followNextLinks(String base, Page<T> first, Function<String, Page<T>> next) {
        List<T> out = new ArrayList<>();
        Page<T> page = first;
        while (true) {
            out.addAll(page.items());
            if (page.nextLink().isEmpty()) {
                return out;
            }
            page = next.apply(checked(base, page.nextLink().get()));
        }
    }

    /**
     * Client-driven paging with {@code $top}/{@code $skip}: asks for pages of {@code top} until a page comes back
     * shorter than asked; a nextLink, should the service send one, is followed instead.
     *
     * @param base the configured Graph base URL
     * @param top the page size asked for
     * @param first the first page (asked with {@code $top=top}, no {@code $skip})
     * @param skip reads the page at an offset
     * @param next reads the page at a (checked) nextLink
     * @param <T> item type
     * @return every item
     */
    public static <T> List<T> skipUntilShort(String base, int top, Page<T> first, IntFunction<Page<T>> skip,
            Function<String, Page<T>> next) {
        List<T> out = new ArrayList<>();
        forEachSkipUntilShort(base, top, first, skip, next, out::addAll);
        return out;
    }

    /**
     * {@link #skipUntilShort} a page at a time: each page's items go to {@code each} before the next page is read.
     *
     * @param base the configured Graph base URL
     * @param top the page size asked for
     * @param first the first page
     * @param skip reads the page at an offset
     * @param next reads the page at a (checked) nextLink
     * @param each receives each page's items
     * @param <T> item type
     */
    public static <T> void forEachSkipUntilShort(String base, int top, Page<T> first, IntFunction<Page<T>> skip,
            Function<String, Page<T>> next, java.util.function.Consumer<List<T>> each) {
        Page<T> page = first;
        int read = 0;
        while (true) {
            each.accept(page.items());
            read += page.items().size();
            if (page.nextLink().isPresent()) {
                page = next.apply(checked(base, page.nextLink().get()));
            } else if (page.items().size() >= top) {
                page = skip.apply(read);
            } else {
                return;
            }
        }
    }

    /**
     * @param base the configured Graph base URL
     * @param link a nextLink from an answer
     * @return the link, when it is https to the configured host and port
     * @throws MalformedResponseException when it points elsewhere or is not https
     */
    public static String checked(String base, String link) {
        URI b = URI.create(base);
        URI l;
        try {
            l = new URI(link);
        } catch (URISyntaxException e) {
            throw new MalformedResponseException("reading the answer", "$.@odata.nextLink", "is not a URL",
                    ErrorContext.none(), null);
        }
        if (!"https".equalsIgnoreCase(l.getScheme()) || l.getHost() == null
                || !l.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                || port(l) != port(b)) {
            throw new MalformedResponseException("reading the answer", "$.@odata.nextLink",
                    "does not point at the configured endpoint over https (https://" + b.getHost()
                            + (b.getPort() < 0 ? "" : ":" + b.getPort()) + "); not followed", ErrorContext.none(),
                    null);
        }
        return link;
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : 443;
    }
}
