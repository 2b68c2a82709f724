/**
 * The Vintage Without Borders frontend kit: types generated from the committed contract and a
 * typed client for `/v1/` built on openapi-fetch.
 *
 *   import { createV1Client } from "@vwb/frontend-contract";
 *   const api = createV1Client({ baseUrl: "https://api.example" });
 *   const { data, error } = await api.GET("/v1/barrels", { params: { query: { page: 1 } } });
 */
import createClient, { type ClientOptions } from "openapi-fetch";

import type { components, operations, paths } from "./v1.d.ts";

export type { components, operations, paths };

/** A typed client of `/v1/`: every path, parameter, body and response comes from openapi.yaml. */
export function createV1Client(options: ClientOptions = {}) {
  return createClient<paths>(options);
}

export type V1Client = ReturnType<typeof createV1Client>;

export { ERROR_CODES, isErrorCode, isProblem } from "./error-codes.ts";
export type { ErrorCode, Problem, ProblemFieldError } from "./error-codes.ts";

import type { components as pageComponents, paths as pagePaths } from "./pages.d.ts";

export type { pageComponents, pagePaths };

/** Any page detail of the page API (`/api/v2/pages/{id}/`, `find/`, `preview/`). */
export type PageDetail = pageComponents["schemas"]["PageDetail"];
export type PageType = pageComponents["schemas"]["PageType"];

/** A typed client of Wagtail's page API (`/api/v2/pages/`), described by page-api.yaml. */
export function createPagesClient(options: ClientOptions = {}) {
  return createClient<pagePaths>(options);
}
