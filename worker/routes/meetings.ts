import { Hono } from "hono";
import type { AppEnv } from "../env";

export const meetingsRoutes = new Hono<AppEnv>();
