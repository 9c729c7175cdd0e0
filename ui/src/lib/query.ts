import { QueryClient } from "@tanstack/react-query";

/**
 * Data is fresh until the backend says a write changed its topic (`DataChanged`): no polling,
 * no refetch on focus, and a failed read shows its error at once rather than retrying.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    },
  });
}
