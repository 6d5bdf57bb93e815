package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How the simulated Graph pages its collections — two styles, as Microsoft documents them:
 * <ul>
 * <li>server-driven: a page of at most {@code $top} (or the service's default) items and an {@code @odata.nextLink}
 * that carries an opaque {@code $skiptoken}; the server may send fewer items than asked and the client must follow
 * the link until there is none (https://learn.microsoft.com/graph/paging);</li>
 * <li>client-driven {@code $top}/{@code $skip} with no nextLink: the Teams number list, default 500, at most 1,000
 * a page (https://learn.microsoft.com/graph/api/teamsadministration-telephonenumbermanagementroot-list-numberassignments,
 * "Optional query parameters"; reference graph.md section 5).</li>
 * </ul>
 */
final class CollectionPages {
    /** Default page size of the number list. */
    static final int NUMBERS_DEFAULT = 500;
    /** Largest {@code $top} the number list accepts. */
    static final int NUMBERS_MAX = 1000;

    private CollectionPages() {
    }

    /**
     * A server-driven page.
     *
     * @param req the request ({@code $top}, {@code $skiptoken}, and the parameters to carry into the link)
     * @param all every matching item
     * @param dflt the page size when no {@code $top} is given
     * @param max the largest {@code $top} accepted
     * @param serverCap the most items the service puts on one page whatever was asked (0: no cap)
     * @param link the absolute URL of the collection, without query
     * @param keep query parameters carried into the nextLink
     * @return the page
     */
    static SimResponse nextLinkPaged(SimRequest req, List<ObjectNode> all, int dflt, int max, int serverCap,
            String link, String... keep) {
        int top = GraphEndpoint.clampTop(req, dflt, max);
        int size = serverCap > 0 ? Math.min(top, serverCap) : top;
        int skip = offset(req.query("$skiptoken").orElse("0"));
        List<ObjectNode> page = all.subList(Math.min(skip, all.size()), Math.min(skip + size, all.size()));
        String next = skip + size < all.size() ? link + "?" + GraphEndpoint.keep(req, keep)
                + (req.query("$top").isPresent() ? "$top=" + top + "&" : "") + "$skiptoken=" + (skip + size) : null;
        return GraphEndpoint.collection(page, next);
    }

    /**
     * A client-driven {@code $top}/{@code $skip} page of the number list: never a nextLink.
     *
     * @param req the request
     * @param all every matching item
     * @return the page
     */
    static SimResponse skipPaged(SimRequest req, List<ObjectNode> all) {
        int top = GraphEndpoint.clampTop(req, NUMBERS_DEFAULT, NUMBERS_MAX);
        int skip = offset(req.query("$skip").orElse("0"));
        return GraphEndpoint.collection(all.subList(Math.min(skip, all.size()), Math.min(skip + top, all.size())),
                null);
    }

    private static int offset(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SimError(400, "BadRequest", "Invalid paging value.");
        }
    }
}
