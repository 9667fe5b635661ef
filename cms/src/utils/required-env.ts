// A secret that is missing must stop the start with its name, not fall back to a default.
export const requiredEnv = (value: string | undefined, name: string): string => {
  if (!value) {
    throw new Error(`${name} is not set: put it in the environment (npm run cms generates cms/.env for local use)`);
  }
  return value;
};
