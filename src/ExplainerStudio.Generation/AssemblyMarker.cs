namespace ExplainerStudio.Generation;
