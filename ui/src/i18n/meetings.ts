// Filled in by the meetings pages. Used as `meetings.*`; en mirrors zh key for key.
export const meetingsZh = {
  page: { subtitle: "" },
};

export const meetingsEn: typeof meetingsZh = {
  page: { subtitle: "" },
};
