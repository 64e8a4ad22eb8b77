namespace ExplainerStudio.Media;
