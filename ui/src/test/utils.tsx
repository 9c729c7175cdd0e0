import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { expect } from "vitest";
import { StyleProvider } from "@ant-design/cssinjs";
import App from "../App";
import type { Backend } from "../backend";

export type User = ReturnType<typeof userEvent.setup>;

/** antd's generated CSS goes to a detached node: jsdom need not parse it (much faster). */
const styleSink = document.createElement("div");

/** The whole app over `backend` (a `fakeBackend`), as the desktop window shows it. */
export function renderApp<B extends Backend>(backend: B) {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const result = render(
    <StyleProvider container={styleSink}>
      <App backend={backend} motion={false} />
    </StyleProvider>,
  );
  return { backend, user, ...result };
}

/** Open an antd Select (found by its data-testid) and click the option whose title is `label`. */
export async function pickOption(user: User, testId: string, label: string) {
  const select = await screen.findByTestId(testId);
  const root = select.closest(".ant-select") ?? select;
  const trigger = (root.querySelector(".ant-select-selector, .ant-select-content, input") as HTMLElement | null) ?? (root as HTMLElement);
  await user.click(trigger);
  const option = await waitFor(() => {
    const opts = [...document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${label}"]`)].filter(
      (o) => !o.closest(".ant-select-dropdown-hidden"),
    );
    expect(opts.length).toBeGreaterThan(0);
    return opts[opts.length - 1];
  });
  await user.click(option);
}

/** Log in through the login screen. */
export async function login(user: User, optionLabel: string, pin: string) {
  await pickOption(user, "login-user", optionLabel);
  await user.type(screen.getByTestId("login-pin"), pin);
  await user.click(screen.getByTestId("login-submit"));
}

/** The visible data rows of the people table. */
export function peopleRows(): HTMLElement[] {
  const table = screen.getByTestId("people-table");
  return within(table)
    .queryAllByRole("row")
    .filter((r) => r.getAttribute("data-testid")?.startsWith("agent-row-"));
}
