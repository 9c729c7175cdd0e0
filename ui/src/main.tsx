import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./i18n";
import "./styles.css";
import App from "./App";
import { createBackend } from "./backend";

const root = createRoot(document.getElementById("root")!);

createBackend().then(
  (backend) =>
    root.render(
      <StrictMode>
        <App backend={backend} />
      </StrictMode>,
    ),
  (e: unknown) => {
    document.getElementById("root")!.textContent = `FloorDesk failed to start: ${String(e)}`;
  },
);
