"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { ensureAcademicYear, setClassTeachers, setCurrentYear, updateSchool, updateTermDates } from "@/lib/data/school";
import { createUser, getUser, setPasswordHash, setTotp, updateUser } from "@/lib/data/users";
import { endUserSessions } from "@/lib/data/sessions";
import { ValidationError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { addYearSchema, classTeachersSchema, schoolSchema, setCurrentYearSchema, termDatesSchema, updateUserSchema, userIdSchema, userSchema } from "@/lib/validation/admin";

export const updateSchoolAction = defineAction({
  schema: schoolSchema,
  authorize: ({ user }) => can(user, "settings.edit"),
  handler: ({ input, actor }) => {
    const { version, ...changes } = input;
    return updateSchool({ version, changes, actor });
  },
});

export const addAcademicYearAction = defineAction({
  schema: addYearSchema,
  authorize: ({ user }) => can(user, "settings.edit"),
  handler: ({ input, actor }) => ensureAcademicYear({ name: input.name, makeCurrent: input.makeCurrent, actor }),
});

export const setCurrentYearAction = defineAction({
  schema: setCurrentYearSchema,
  authorize: ({ user }) => can(user, "settings.edit"),
  handler: ({ input, actor }) => setCurrentYear({ id: input.id, actor }),
});

export const updateTermDatesAction = defineAction({
  schema: termDatesSchema,
  authorize: ({ user }) => can(user, "settings.edit"),
  handler: ({ input, actor }) => updateTermDates({ ...input, actor }),
});

export const setClassTeachersAction = defineAction({
  schema: classTeachersSchema,
  authorize: ({ user }) => can(user, "settings.edit"),
  handler: ({ input, actor }) => setClassTeachers({ ...input, actor }),
});

/** Creates a user with a one-time password, returned once so the head can pass it on (schools may have no mail server). */
export const createUserAction = defineAction({
  schema: userSchema,
  authorize: ({ user }) => can(user, "users.manage"),
  handler: async ({ input, actor }) => {
    const password = generateOneTimePassword();
    const created = createUser({ user: { ...input, passwordHash: await hashPassword(password), mustChangePassword: true }, actor });
    return { id: created.id, name: created.name, oneTimePassword: password };
  },
});

export const updateUserAction = defineAction({
  schema: updateUserSchema,
  authorize: ({ user }) => can(user, "users.manage"),
  handler: ({ input, user, actor }) => {
    const { id, version, ...changes } = input;
    // The head cannot lock themselves out: no disabling or demoting their own account.
    if (id === user.id && (changes.disabled || changes.role !== "headteacher")) {
      throw new ValidationError("You cannot disable your own account or change your own role.", {
        [changes.disabled ? "disabled" : "role"]: ["You cannot disable your own account or change your own role"],
      });
    }
    return updateUser({ id, version, changes, actor });
  },
});

export const resetUserPasswordAction = defineAction({
  schema: userIdSchema,
  authorize: ({ user }) => can(user, "users.manage"),
  handler: async ({ input, actor }) => {
    const target = getUser({ id: input.id });
    const password = generateOneTimePassword();
    setPasswordHash({ id: target.id, passwordHash: await hashPassword(password), mustChangePassword: true, actor });
    return { name: target.name, oneTimePassword: password };
  },
});

/** For a lost phone: turns a user's second factor off so they can set it up again. */
export const resetUserTotpAction = defineAction({
  schema: z.object({ id: z.string().min(1) }),
  authorize: ({ user }) => can(user, "users.manage"),
  handler: ({ input, actor }) => {
    setTotp({ id: getUser({ id: input.id }).id, secret: null, actor });
    return null;
  },
});

/** Ends every open session of a user at once (a lost laptop, a leaver): they must sign in again. */
export const endUserSessionsAction = defineAction({
  schema: userIdSchema,
  authorize: ({ user }) => can(user, "users.manage"),
  handler: ({ input, actor }) => {
    const target = getUser({ id: input.id });
    return { name: target.name, ended: endUserSessions({ userId: target.id, actor }) };
  },
});
