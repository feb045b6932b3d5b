// Starts the page: asks the backend what is loaded and how the app was started, then draws.

import "./styles.css";
import { appState } from "./api";
import { App } from "./app";

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const session = await appState();
  new App(root, session);
}

void start();
