/** French strings of the close-out area. */
export const closeOutFr = {
};
