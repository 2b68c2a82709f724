/**
 * A reference storefront journey, written only with the kit's generated client and types:
 *
 *   1. browse barrels with facets;
 *   2. read a barrel page from the page API (find by storefront path);
 *   3. register a B2B buyer, log in, refresh the token (refresh tokens rotate);
 *   4. preview and place an order (with an Idempotency-Key), and see the retry replayed;
 *   5. read the order;
 *   6. request a quote, see the offer (staff send it), accept it into an order.
 *
 * Run against a server: `node journey.js` with VWB_BASE_URL, VWB_STAFF_EMAIL,
 * VWB_STAFF_PASSWORD and VWB_BARREL_SLUG in the environment (the backend's test starts
 * gunicorn and sets them). Each step prints one JSON line; any failed check exits non-zero.
 */
import type { Middleware } from "openapi-fetch";

import {
  createPagesClient,
  createV1Client,
  isProblem,
  type components,
  type ErrorCode,
  type operations,
  type pageComponents,
} from "../ts/index.ts";

type Schemas = components["schemas"];
type BarrelPageDetail = pageComponents["schemas"]["BarrelPageDetail"];
type WoodType = NonNullable<
  NonNullable<operations["barrels_list"]["parameters"]["query"]>["wood_type"]
>[number];

/** Narrows a page detail of the page API by its `meta.type`. */
function isBarrelPage(page: { meta: { type: string } }): page is BarrelPageDetail {
  return page.meta.type === "cms_pages.BarrelPage";
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const baseUrl = env("VWB_BASE_URL");
const barrelSlug = env("VWB_BARREL_SLUG");

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

function step(name: string, detail: Record<string, unknown>): void {
  console.log(JSON.stringify({ step: name, ...detail }));
}

/** A client of /v1/ whose requests carry the current access token, if any. */
function signedClient(session: { access: string }) {
  const client = createV1Client({ baseUrl });
  const auth: Middleware = {
    onRequest({ request }) {
      if (session.access) request.headers.set("Authorization", `Bearer ${session.access}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** The data of a successful call, or a failure naming the problem's code. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) {
    const code: ErrorCode | string = isProblem(result.error) ? result.error.code : "no problem body";
    throw new Error(`${what}: HTTP ${result.response.status} (${code})`);
  }
  return result.data;
}

const isoDate = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const anonymous = createV1Client({ baseUrl });
  const pages = createPagesClient({ baseUrl });

  // 1. Browse barrels with facets: filter by the first wood type the facets offer.
  const all = ok(await anonymous.GET("/v1/barrels", { params: { query: { page_size: 10 } } }), "barrels");
  check(all.count >= 2, "the catalog lists the barrels");
  const wood = all.facets.wood_type.find((facet) => facet.count > 0);
  check(wood !== undefined, "a wood type facet has barrels");
  const filtered = ok(
    await anonymous.GET("/v1/barrels", { params: { query: { wood_type: [wood.value as WoodType] } } }),
    "barrels by wood type",
  );
  check(filtered.count === wood.count, "the facet's count is the filtered list's count");
  check(
    filtered.facets.wood_type.some((facet) => facet.value === wood.value && facet.selected),
    "the chosen facet value is marked selected",
  );
  const barrel = all.results.find((item) => item.slug === barrelSlug);
  check(barrel !== undefined, "the barrel with a story page is listed");
  step("browse", { count: all.count, facet: wood.value, filtered: filtered.count });

  // 2. Read its barrel page from the page API, by storefront path.
  const found = ok(
    await pages.GET("/api/v2/pages/find/", {
      params: { query: { html_path: `/barrels/${barrelSlug}/` } },
    }),
    "page find",
  );
  check(isBarrelPage(found), "find answers the barrel page");
  const page = found;
  const barrelPage: BarrelPageDetail = found;
  check(barrelPage.barrel?.slug === barrelSlug, "the page carries its catalog barrel");
  check(barrelPage.barrel.price === barrel.price, "page and catalog agree on the price");
  const detail = ok(
    await pages.GET("/api/v2/pages/{id}/", { params: { path: { id: page.id } } }),
    "page detail",
  );
  check(detail.id === page.id, "the detail is the page found");
  step("barrel_page", { id: page.id, title: page.title, price: barrelPage.barrel.price });

  // 3. Register a B2B buyer, log in, refresh.
  const email = `kit-${Date.now()}@distillerie.example`;
  const password = "Fass-und-Holz-2026!";
  const registered = ok(
    await anonymous.POST("/v1/auth/register", {
      body: {
        email,
        password,
        first_name: "Greta",
        last_name: "Keller",
        role: "b2b",
        company: {
          legal_name: "Destillerie Mainz GmbH",
          vat_number: "DE136695976",
          country: "DE",
          street: "Rheinallee 5",
          city: "Mainz",
          zip_code: "55116",
        },
      },
    }),
    "register",
  );
  const companyId = registered.user.company?.id;
  check(companyId !== undefined, "a B2B registration creates the company");
  const wrong = await anonymous.POST("/v1/auth/token", { body: { email, password: "not it" } });
  check(wrong.error?.code === "invalid_credentials", "a wrong password is invalid_credentials");
  const tokens = ok(await anonymous.POST("/v1/auth/token", { body: { email, password } }), "login");
  check(tokens.access !== undefined && tokens.refresh !== undefined, "a buyer gets tokens at once");
  const session = { access: tokens.access };
  const refreshed = ok(
    await anonymous.POST("/v1/auth/token/refresh", { body: { refresh: tokens.refresh } }),
    "refresh",
  );
  check(refreshed.refresh !== undefined && refreshed.refresh !== tokens.refresh, "refresh rotates");
  session.access = refreshed.access;
  const reused = await anonymous.POST("/v1/auth/token/refresh", { body: { refresh: tokens.refresh } });
  check(reused.error?.code === "token_not_valid", "a rotated refresh token is refused");
  const buyer = signedClient(session);
  const me = ok(await buyer.GET("/v1/me"), "me");
  check(me.email === email, "the refreshed access token is the buyer's");
  step("auth", { email, company: companyId });

  // Staff verify the company (an administrator, with the same client).
  // Staff sign in in two steps: the password gives a challenge, the authenticator's code tokens.
  const challenge = ok(
    await anonymous.POST("/v1/auth/token", {
      body: { email: env("VWB_STAFF_EMAIL"), password: env("VWB_STAFF_PASSWORD") },
    }),
    "staff login",
  );
  check(
    challenge.mfa_required === true && challenge.challenge !== undefined,
    "staff get a second-factor challenge, not tokens",
  );
  check(challenge.access === undefined, "no staff token before the second factor");
  const staffTokens = ok(
    await anonymous.POST("/v1/auth/token/2fa", {
      body: { challenge: challenge.challenge, code: env("VWB_STAFF_TOTP") },
    }),
    "staff second factor",
  );
  const staff = signedClient({ access: staffTokens.access });
  const verified = ok(
    await staff.POST("/v1/admin/companies/{company_id}/verify", {
      params: { path: { company_id: companyId } },
      body: { note: "VAT number checked." },
    }),
    "verify company",
  );
  check(verified.verification_status === "verified", "the company is verified");

  // 4. Preview and place an order, with an Idempotency-Key; the retry is replayed.
  const orderBody: Schemas["OrderCreateInputRequest"] = {
    lines: [{ barrel: barrel.id, quantity: 1 }],
    shipping_address: {
      recipient_name: "Greta Keller",
      street: "Rheinallee 5",
      city: "Mainz",
      zip_code: "55116",
      country: "DE",
    },
    shipping_method_code: "road-pallet",
    payment_method: "bank_transfer",
  };
  const preview = ok(await buyer.POST("/v1/orders/preview", { body: orderBody }), "preview");
  check(preview.can_place, `the preview can be placed (${JSON.stringify(preview.problems)})`);
  const key = `kit-journey-${Date.now()}`;
  const placing = await buyer.POST("/v1/orders", {
    body: orderBody,
    params: { header: { "Idempotency-Key": key } },
  });
  const placed = ok(placing, "place order");
  check(placing.response.status === 201, "the order is created");
  check(placed.order.total_amount === preview.total, "the order costs what the preview said");
  const replay = await buyer.POST("/v1/orders", {
    body: orderBody,
    params: { header: { "Idempotency-Key": key } },
  });
  check(ok(replay, "replay").order.id === placed.order.id, "a retry answers the same order");
  check(replay.response.headers.get("Idempotent-Replayed") === "true", "the retry says so");
  step("order", { number: placed.order.number, total: placed.order.total_amount });

  // 5. Read the order.
  const order = ok(
    await buyer.GET("/v1/orders/{order_id}", { params: { path: { order_id: placed.order.id } } }),
    "read order",
  );
  check(order.number === placed.order.number, "the order reads back");
  check(order.lines.length === 1 && order.lines[0]?.quantity === 1, "with its line");
  step("read_order", { status: order.status, allowed: order.allowed_transitions });

  // 6. A quote: request, offer (staff), accept.
  const quote = ok(
    await buyer.POST("/v1/quotes", {
      body: {
        items: [{ barrel: barrelSlug, quantity: 2 }],
        text: "Ideally with medium toast.",
        destination: { country: "DE", postcode: "55116" },
        desired_delivery_date: isoDate(45),
      },
    }),
    "request quote",
  );
  check(quote.status === "pending", "the request is pending");
  const offered = ok(
    await staff.POST("/v1/quotes/{quote_id}/versions", {
      params: { path: { quote_id: quote.id } },
      body: {
        lines: [{ barrel: barrelSlug, quantity: 2, unit_price: "250.00", discount_percent: "0" }],
        valid_until: isoDate(10),
        payment_terms: "bank_transfer",
        message: "Two barrels, held for ten days.",
        holds_stock: true,
      },
    }),
    "send offer",
  );
  check(offered.status === "approved", "the offer is sent");
  const seen = ok(
    await buyer.GET("/v1/quotes/{quote_id}", { params: { path: { quote_id: quote.id } } }),
    "see offer",
  );
  check(seen.versions.length === 1 && seen.allowed_actions.includes("accept"), "the buyer may accept");
  const address = ok(
    await buyer.POST("/v1/me/addresses", {
      body: {
        recipient_name: "Greta Keller",
        company_name: "Destillerie Mainz GmbH",
        street: "Rheinallee 5",
        city: "Mainz",
        zip_code: "55116",
        country: "DE",
        is_default_shipping: true,
      },
    }),
    "address",
  );
  const accepted = ok(
    await buyer.POST("/v1/quotes/{quote_id}/accept", {
      params: { path: { quote_id: quote.id } },
      body: { shipping_address: address.id },
    }),
    "accept",
  );
  check(accepted.quote.status === "accepted", "the quote is accepted");
  const quoteOrder = ok(
    await buyer.GET("/v1/orders/{order_id}", { params: { path: { order_id: accepted.order_id } } }),
    "quote order",
  );
  check(quoteOrder.total_amount === accepted.total_amount, "the order has the quoted total");
  step("quote", { number: quote.number, order: accepted.order_number, total: accepted.total_amount });
  step("done", {});
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
