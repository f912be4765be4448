import { handlers } from "@/lib/auth/config";

// Auth.js's own endpoints (session, CSRF, callback, sign-out). Sign-in itself checks throttling,
// the password and the second factor in lib/auth/sign-in.
export const { GET, POST } = handlers;
